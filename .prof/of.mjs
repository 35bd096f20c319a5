import {createFetch, FetchError} from 'ofetch'; console.log(createFetch, FetchError);
